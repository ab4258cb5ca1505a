"""Task lists of any size for the benchmarks: the same N always gives the same file.

The mix follows the bundled plans: four tasks in ten are one-off deadlines (some of them
windows such as 11月—12月 督查) spread over three years, three are monthly, and one each is
quarterly, half-yearly and yearly; some recurring duties need several records a period
(count_min). Thirty units, Chinese titles, one plan per fifty clauses.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import tomli_w

FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)  # years the working-day calendar knows
UNITS = (
    "办公室", "法制处", "规划处", "高新处", "平台处", "成果处", "合作处", "人事处", "财务处",
    "监督处", "农村处", "社发处", "基础处", "资源处", "引智处", "科技金融处", "知识产权处",
    "机关党委", "信息中心", "评估中心", "江岸区", "江汉区", "硚口区", "汉阳区", "武昌区",
    "青山区", "洪山区", "东西湖区", "蔡甸区", "江夏区",
)  # fmt: skip
VERBS = ("报送", "完成", "开展", "组织", "编制", "推进", "落实", "督查", "总结", "统计")
SUBJECTS = (
    "科技创新工作简报", "营商环境整改台账", "高新技术企业培育情况", "重点项目进展",
    "科技成果转化数据", "政务公开信息", "安全生产检查", "财政资金绩效自评", "人才引进计划",
    "知识产权保护案例", "孵化载体运行情况", "科研诚信核查", "统计报表", "议案办理进度",
)  # fmt: skip
RECURRING = {4: "month", 5: "month", 6: "month", 7: "quarter", 8: "half", 9: "year"}
DAYS = (5, 10, 15, 20, 25, "last", "next:5", "next:10")


def tasklist(count: int, seed: int = 2025) -> dict[str, object]:
    """A task list of `count` tasks as TOML data."""
    rng = random.Random(seed)
    plans = max(1, count // 50)
    return {
        "settings": {"timezone": "Asia/Shanghai", "workdays": "CN", "shift": "before"},
        "sources": [_source(n) for n in range(plans)],
        "units": [{"name": name} for name in UNITS],
        "tasks": [_task(n, rng, rng.randrange(plans)) for n in range(count)],
    }


def _source(n: int) -> dict[str, object]:
    return {
        "id": f"plan-{n:05d}",
        "title": f"关于做好2024—2026年{SUBJECTS[n % len(SUBJECTS)]}工作的通知（{n + 1}）",
        "date": FIRST,
        "from": FIRST,
        "until": LAST,
    }


def _task(n: int, rng: random.Random, plan: int) -> dict[str, object]:
    lead = rng.choice(UNITS)
    task: dict[str, object] = {
        "id": f"t{n:06d}",
        "title": rng.choice(VERBS) + rng.choice(SUBJECTS),
        "source": f"plan-{plan:05d}",
        "clause": f"{rng.randint(1, 9)}（{rng.randint(1, 12)}）",
        "lead": [lead],
    }
    supporting = rng.sample(UNITS, rng.choice((0, 0, 1, 2, 3)))
    if supporting := [name for name in supporting if name != lead]:
        task["support"] = supporting
    every = RECURRING.get(n % 10)
    if every is None:
        task.update(_once(rng))
    else:
        task.update(every=every, day=rng.choice(DAYS))
        if rng.random() < 0.1:
            task["count_min"] = rng.randint(2, 4)
    return task


def _once(rng: random.Random) -> dict[str, object]:
    day = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
    if rng.random() < 0.15:  # a window: 督查 over the weeks before its last day
        return {"start": day - timedelta(days=rng.choice((14, 30, 61))), "end": day}
    return {"due": day}


def write(count: int, path: Path, seed: int = 2025) -> Path:
    path.write_text(tomli_w.dumps(tasklist(count, seed)), encoding="utf-8")
    return path


if __name__ == "__main__":  # python benchmarks/tasklist.py 1000 > tasks.toml
    sys.stdout.buffer.write(tomli_w.dumps(tasklist(int(sys.argv[1]))).encode())
