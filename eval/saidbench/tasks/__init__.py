"""The tasks, behind one interface (:class:`~saidbench.tasks.base.Task`) and one registry.

A new task is one module with a Task and one line here; scoring, statistics and every report
iterate :data:`TASKS` in this order.
"""

from __future__ import annotations

from ..registry import Registry
from .attribution import AttributionTask
from .base import Collector, Context, Options, Task, Unit
from .claims import ClaimsTask
from .coreference import CoreferenceTask
from .entities import EntitiesTask

TASKS: Registry[Task] = Registry("task", {
    task.name: task for task in (EntitiesTask(), ClaimsTask(), AttributionTask(), CoreferenceTask())
})

__all__ = ["TASKS", "Collector", "Context", "Options", "Task", "Unit"]
