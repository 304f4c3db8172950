"""The HQ console under ``/console`` (issue #13): sign-in, Ringkasan, Desa and Perangkat
(first slice), Program sponsor, Pendaftaran and the audit log (second slice),
server-rendered with Jinja2; htmx and Chart.js vendored in ``static/``
(``static/VENDORED.md``). Docs: ``docs/hq-console.md``."""

from regdesk.hq.console.pages import install

__all__ = ["install"]
