"""The report of an edition: the views of its dashboard, map, programme, indicators,
reflection and actions, gathered in the order of the published monitor."""
from __future__ import annotations

from dataclasses import dataclass

from ..analysis.reflection import Reflection
from .housing import HousingPage
from .dashboard import DashboardView
from .framework import ActionsView, ProgrammeView
from .indicator import IndicatorView
from .initiative_map import MapView
from .methods import MethodsView
from .published import IntroView, PublishedReflection


@dataclass(frozen=True)
class ReportView:
    lang: str
    edition_id: str
    year: int
    title: str
    publisher: str
    publisher_name: str  # in full, in the reader's language
    publication_date: str
    programme: ProgrammeView
    dashboard: DashboardView
    earlier: tuple[DashboardView, ...]  # newest first
    map: MapView | None  # None for a programme without local initiatives
    indicators: tuple[IndicatorView, ...]  # in the edition's order
    reflection: Reflection
    methods: MethodsView
    actions: ActionsView
    published_reflection: PublishedReflection | None = None
    introduction: IntroView | None = None
    housing: HousingPage | None = None  # the housing monitor, in its programme's report
    last_update: str = ""  # the day the content was loaded: the state of the data shown
    citation: str = ""  # how to cite the edition
    url: str = ""  # where the publisher keeps the edition
