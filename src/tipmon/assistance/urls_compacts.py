"""Routes of the compact and operations pages, included by the assistance URLconf (so their
names are in its namespace: ``assistance:compacts``, ``assistance:operations``, ...)."""

from django.urls import path

from tipmon.assistance import views_compacts as c
from tipmon.assistance import views_operations as o

BASE = "work/assistance/compacts/"
OPS = "work/assistance/operations"

urlpatterns = [
    path(BASE, c.index, name="compacts"),
    path(f"{BASE}new", c.new, name="compact-new"),
    path(f"{BASE}<int:pk>/", c.detail, name="compact"),
    path(f"{BASE}<int:pk>/edit", c.edit, name="compact-edit"),
    path(f"{BASE}<int:pk>/objectives", c.add_objective, name="compact-objective"),
    path(f"{BASE}<int:pk>/activities", c.add_activity, name="compact-activity"),
    path(f"{BASE}<int:pk>/milestones", c.add_milestone, name="compact-milestone"),
    path(f"{BASE}<int:pk>/milestones/<int:mid>", c.complete_milestone, name="compact-complete"),
    path(f"{BASE}<int:pk>/indicators", c.add_indicator, name="compact-indicator"),
    path(f"{BASE}<int:pk>/targets", c.set_target, name="compact-target"),
    path(f"{BASE}<int:pk>/contributions", c.add_contribution, name="compact-contribution"),
    path(f"{BASE}<int:pk>/contributions/<int:cid>", c.record_delivery, name="compact-delivery"),
    path(OPS, o.page, name="operations"),
    path(f"{OPS}/priorities", o.add_priority, name="operations-priority"),
    path(f"{OPS}/budget", o.add_budget_line, name="operations-budget"),
    path(f"{OPS}/staff", o.add_assignment, name="operations-staff"),
    path(f"{OPS}/staff/<int:aid>/remove", o.remove_assignment, name="operations-staff-remove"),
    path(f"{OPS}/desk-officers", o.import_desk_officers, name="operations-desk-officers"),
]
