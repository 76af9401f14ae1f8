"""The system map: influences, loops named by their dynamics, SVG and table alike, gaps."""

import itertools
import re

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from analysis import graph
from analysis.models import Influence, Release
from tests.conftest import client_for
from tests.factories import DynamicFactory, InfluenceFactory, OptionLinkFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _triangle():
    a = DynamicFactory(title="Rückzug in eigene Vereinsstrukturen")
    b = DynamicFactory(title="Weniger Begegnung im Quartier")
    c = DynamicFactory(title="Wachsendes Misstrauen")
    InfluenceFactory(source=a, target=b, effect="strengthens")
    InfluenceFactory(source=b, target=c, effect="strengthens")
    return a, b, c


def test_influence_that_closes_a_loop_names_it(officer):
    a, b, c = _triangle()
    client = client_for(officer)
    response = client.post(
        reverse("analysis:influence_create"),
        {
            "source": c.pk,
            "target": a.pk,
            "effect": "strengthens",
            "strength": 3,
            "reason": "Misstrauen treibt in die eigenen Kreise.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("analysis:map")).content.decode()
    assert "Verstärkender Kreislauf" in page or "Reinforcing loop" in page
    names = [a.title, b.title, c.title, a.title]
    assert " → ".join(names) in page


def test_loop_kind_follows_the_number_of_weakening_links():
    nodes = [{"id": i, "title": t} for i, t in [(1, "A"), (2, "B"), (3, "C")]]
    reinforcing = [
        {"source": 1, "target": 2, "effect": "weakens"},
        {"source": 2, "target": 1, "effect": "weakens"},
    ]
    balancing = [
        {"source": 1, "target": 2, "effect": "strengthens"},
        {"source": 2, "target": 3, "effect": "strengthens"},
        {"source": 3, "target": 1, "effect": "weakens"},
    ]
    assert [loop["kind"] for loop in graph.find_loops(nodes, reinforcing)] == ["reinforcing"]
    loops = graph.find_loops(nodes, balancing)
    assert [(loop["kind"], loop["names"]) for loop in loops] == [("balancing", ["A", "B", "C"])]


def test_influence_on_itself_and_twice_are_german_form_errors(officer):
    a, b, _c = _triangle()
    client = client_for(officer)
    data = {"source": a.pk, "target": a.pk, "effect": "weakens", "strength": 1, "reason": "x"}
    response = client.post(reverse("analysis:influence_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["target"]
    data["target"] = b.pk
    response = client.post(reverse("analysis:influence_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Influence.objects.count() == 2


def _svg_and_tables(html: str):
    svg_text = re.search(r"<svg class=\"system-map__svg\".*?</svg>", html, re.S).group(0)
    svg = ElementTree.fromstring(svg_text)
    svg_nodes = {
        (int(g.get("data-id")), " ".join(t.text for t in g.iter(f"{SVG}tspan")))
        for g in svg.iter(f"{SVG}g")
        if g.get("class") == "map-node"
    }
    svg_edges = {
        (int(g.get("data-source")), int(g.get("data-target")), g.get("data-effect"))
        for g in svg.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("map-edge ")
    }
    node_rows = re.findall(r'<tr data-id="(\d+)"><th scope="row">(?:<a [^>]*>)?([^<]+)<', html)
    edge_rows = re.findall(
        r'<tr data-source="(\d+)" data-target="(\d+)" data-effect="(\w+)">', html
    )
    table_nodes = {(int(pk), title) for pk, title in node_rows}
    table_edges = {(int(s), int(t), e) for s, t, e in edge_rows}
    return svg_nodes, svg_edges, table_nodes, table_edges


def test_svg_and_table_show_the_same_nodes_and_edges(reviewer):
    a, _b, c = _triangle()
    InfluenceFactory(source=c, target=a, effect="weakens")
    DynamicFactory(title="Eine Dynamik ohne Verbindungen, mit einem recht langen Titel")
    html = client_for(reviewer).get(reverse("analysis:map")).content.decode()
    svg_nodes, svg_edges, table_nodes, table_edges = _svg_and_tables(html)
    assert len(svg_nodes) == 4
    assert len(svg_edges) == 3
    assert svg_nodes == table_nodes
    assert svg_edges == table_edges
    assert 'role="img"' in html
    assert 'aria-labelledby="map-title map-desc"' in html
    assert "style=" not in html.split("<main", 1)[1]


def test_gaps_are_dynamics_without_option_or_measure(reviewer):
    a, b, c = _triangle()
    OptionLinkFactory(dynamic=a)
    html = client_for(reviewer).get(reverse("analysis:map")).content.decode()
    gaps = html.split('id="gaps-heading"', 1)[1]
    assert b.title in gaps
    assert c.title in gaps
    assert a.title not in gaps


def test_council_reads_only_the_released_map(officer, council):
    a, b, c = _triangle()
    client_for(officer).post(reverse("analysis:map_release"))
    release = Release.objects.get()
    assert {node["title"] for node in release.content["nodes"]} == {a.title, b.title, c.title}
    council_client = client_for(council)
    assert council_client.get(reverse("analysis:map")).status_code == 403
    html = council_client.get(release.get_absolute_url()).content.decode()
    svg_nodes, svg_edges, table_nodes, table_edges = _svg_and_tables(html)
    assert svg_nodes == table_nodes
    assert svg_edges == table_edges
    assert len(svg_edges) == 2
    # Changes after the release do not reach the council's version.
    a.title = "Umbenannt"
    a.save()
    assert "Umbenannt" not in council_client.get(release.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [3, 9])
def test_map_queries_do_not_grow(reviewer, size, django_assert_num_queries):
    dynamics = [DynamicFactory() for _ in range(size)]
    for first, second in itertools.pairwise(dynamics):
        InfluenceFactory(source=first, target=second)
    client = client_for(reviewer)
    client.get(reverse("analysis:map"))
    with django_assert_num_queries(QUERIES_MAP):
        client.get(reverse("analysis:map"))


QUERIES_MAP = 5


def test_option_page_shows_its_workshops_priority_and_dynamics(reviewer):
    from analysis.models import WorkshopOption
    from tests.factories import WorkshopFactory

    link = OptionLinkFactory()
    workshop = WorkshopFactory(title="Werkstatt Begegnung")
    WorkshopOption.objects.create(workshop=workshop, option=link.option, priority=1)
    html = client_for(reviewer).get(link.option.get_absolute_url()).content.decode()
    assert "Werkstatt Begegnung" in html
    assert "hoch" in html
    assert link.dynamic.title in html


def test_deleting_an_influence_asks_first_then_deletes(officer):
    client = client_for(officer)
    a, b, _c = _triangle()
    influence = Influence.objects.get(source=a, target=b)
    url = reverse("analysis:influence_delete", args=[influence.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Einfluss löschen" in page.content.decode()
    assert Influence.objects.filter(pk=influence.pk).exists()  # GET changes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("analysis:map"), 302)]
    assert "Der Einfluss wurde gelöscht." in response.content.decode()
    assert not Influence.objects.filter(pk=influence.pk).exists()
