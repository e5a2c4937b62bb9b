"""Language models as extractors: the JSON Schema of a prediction line, the extraction prompt, the chat runner."""
