"""Walks the OParl endpoint from its System object like a harvester would."""

import json
from urllib.parse import urlsplit

BASE = "http://testserver/oparl/v1.1/"
LIST_SCHEMAS = {
    "body": "Body",
    "organization": "Organization",
    "person": "Person",
    "meeting": "Meeting",
    "paper": "Paper",
}


def urls_in(value) -> set[str]:
    if isinstance(value, str):
        return {value} if value.startswith(BASE) else set()
    if isinstance(value, dict):
        return set().union(*(urls_in(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(urls_in(v) for v in value)) if value else set()
    return set()


def list_schema(url: str) -> str | None:
    """The item schema if ``url`` is an external list (its last path segment names it)."""
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if path.endswith("/oparl/v1.1/body") or ("/body/" in path and last in LIST_SCHEMAS):
        return LIST_SCHEMAS[last]
    return None


def crawl(client, extra_starts=()) -> dict:
    """Every URL reachable from the System object (and ``extra_starts``): url -> response."""
    seen: dict = {}
    queue = [BASE, *extra_starts]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url.removeprefix("http://testserver"))
        seen[url] = response
        if response["Content-Type"].startswith("application/json"):
            queue += sorted(urls_in(json.loads(response.content)) - seen.keys())
    return seen
