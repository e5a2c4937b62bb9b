"""Readers and writers for other tools' formats (Hugging Face datasets, IOB, brat, ...), one module each."""
