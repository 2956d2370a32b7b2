"""Dates as Vietnamese documents print them (Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

from datetime import date


def _month(day: date) -> str:
    # Months 1 and 2 take a leading zero so that "tháng 1" cannot be forged into "tháng 11".
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def legal_date(day: date) -> str:
    """The place-and-date line: "ngày 05 tháng 02 năm 2026", "ngày 20 tháng 8 năm 2025"."""
    return f"ngày {day.day:02d} tháng {_month(day)} năm {day.year}"


def short_date(day: date) -> str:
    """The form citations use: "05/02/2026", "20/8/2025", "15/12/2025"."""
    return f"{day.day:02d}/{_month(day)}/{day.year}"
