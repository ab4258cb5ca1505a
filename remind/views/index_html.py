"""The index.html of a folder of calendars: each unit's subscription address, a webcal://
link and the file to import once. Returns text; remind.delivery.publish writes it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote, unquote

from remind.frozen import frozen

INDEX = "index.html"


@frozen
class Published:
    """One unit's calendar in the folder."""

    name: str  # 法制处
    file: str  # 法制处.ics
    events: int
    org: str = ""  # the organisation it belongs to: 武汉
    group: bool = False  # 各承办单位: a group, whose duties its members' calendars hold


def index_html(calendars: Sequence[Published], *, title: str, base_url: str = "") -> str:
    """The page a clerk opens to subscribe: each unit, by organisation and name (a group only
    when it has events of its own: its duties are in its members' calendars),
    its subscription address (for Outlook's 'From Internet' / 'Subscribe from web'), a
    webcal:// link that opens the calendar program, and the file to import once. The same
    calendars give the same page, byte for byte, in whatever order they come."""
    shown = sorted((c for c in calendars if c.events or not c.group), key=lambda c: (c.org, c.name))
    # the bureau's own organisation (the one with most units) first, then the others
    orgs = sorted({c.org for c in shown}, key=lambda org: (-sum(c.org == org for c in shown), org))
    rows = []
    for org in orgs:
        if len(orgs) > 1:
            rows.append(f'<tr class="org"><th colspan="4">{escape(org or "其他")}</th></tr>')
        rows += [_row(calendar, base_url) for calendar in shown if calendar.org == org]
    how = _HOW if base_url else _NO_BASE_URL
    return _PAGE.format(title=escape(title), rows="\n".join(rows), how=how)


def _row(calendar: Published, base_url: str) -> str:
    link = quote(calendar.file)
    name = escape(calendar.name)
    download = f'<a href="{escape(link)}" download>下载 .ics</a>'
    if not base_url:
        return f"<tr><td>{name}</td><td>{calendar.events}</td><td>—</td><td>{download}</td></tr>"
    https = quote(base_url, safe=":/?#[]@!$&'()*+,;=%~") + link  # an address is ASCII
    webcal = "webcal://" + https.split("://", 1)[1]
    shown = unquote(https)  # 法制处, not %E6%B3%95…: what a person reads and copies
    return (
        f"<tr><td>{name}</td><td>{calendar.events}</td>"
        f'<td><code>{escape(shown)}</code> <a href="{escape(webcal)}">订阅</a></td>'
        f"<td>{download}</td></tr>"
    )


_HOW = """<ol>
<li><b>Outlook（经典版）</b>：复制本单位的订阅地址，在日历中选“开始” → “添加日历”（旧版为“打开日历”）→ “从 Internet”，粘贴，确定。</li>
<li><b>新版 Outlook、网页版 Outlook</b>：日历 → “添加日历” → “从 Web 订阅”，粘贴订阅地址，命名后“导入”。</li>
<li><b>其他日历程序</b>：点击“订阅”链接（webcal://），由本机日历程序打开。</li>
</ol>
<p>订阅后，任务清单的每次修改都会自动同步（Outlook 每隔数小时刷新一次）。
“下载 .ics”只适合一次性导入：导入的副本不会更新，重复导入会出现重复事项。</p>"""

_NO_BASE_URL = """<p>生成时没有给出 <code>--base-url</code>，所以这里没有订阅地址。
“下载 .ics”只适合一次性导入：导入的副本不会更新，重复导入会出现重复事项。</p>"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 0.4em 0.8em; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
tr.org th {{ background: #e4e9f2; }}
td:first-child, td:nth-child(2), td:nth-child(4) {{ white-space: nowrap; }}
td:nth-child(2) {{ text-align: right; }}
code {{ user-select: all; overflow-wrap: anywhere; word-break: break-all; }}
a {{ white-space: nowrap; }}
/* a phone: each unit a block of its own, its address on a line of its own */
@media (max-width: 40em) {{
  body {{ margin: 0.8em; }}
  table, tbody, tr, th, td {{ display: block; border: none; padding: 0; }}
  tr.head {{ display: none; }}
  tr {{ border-bottom: 1px solid #ccc; padding: 0.5em 0; }}
  tr.org th {{ padding: 0.3em; }}
  td:first-child, td:nth-child(2) {{ display: inline; font-weight: bold; }}
  td:nth-child(2)::before {{ content: "（"; }}
  td:nth-child(2)::after {{ content: " 项）"; }}
  td:nth-child(3), td:nth-child(4) {{ margin-top: 0.2em; }}
}}
</style>
</head>
<body>
<h1>{title}</h1>
{how}
<table>
<tr class="head"><th>单位</th><th>事项</th><th>订阅地址</th><th>一次性导入</th></tr>
{rows}
</table>
</body>
</html>
"""
