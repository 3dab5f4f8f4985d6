"""Routes of the targeting pages, included by the assistance URLconf (names in its
namespace: ``assistance:targeting``, ``assistance:targeting-save``, ...)."""

from django.urls import path

from tipmon.assistance import views_targeting as t

BASE = "work/assistance/targeting/"

urlpatterns = [
    path(BASE, t.page, name="targeting"),
    path(f"{BASE}allocation.csv", t.allocation_csv, name="targeting-csv"),
    path(f"{BASE}save", t.save, name="targeting-save"),
    path(f"{BASE}inputs", t.inputs, name="targeting-inputs"),
    path(f"{BASE}scenarios/", t.scenarios, name="targeting-scenarios"),
    path(f"{BASE}scenarios/<int:pk>/", t.scenario, name="targeting-scenario"),
    path(f"{BASE}scenarios/<int:pk>/allocation.csv", t.scenario_csv, name="targeting-scenario-csv"),
    path(f"{BASE}compare", t.compare, name="targeting-compare"),
    path(f"{BASE}compare.csv", t.compare_csv, name="targeting-compare-csv"),
]
