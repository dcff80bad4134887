"""The tidy score table: one row per unit and node of the criteria tree, declared once.

This schema is the contract between reading sheets and everything after: analysis, the report
and data/processed. `python -m pipeline schema` prints it as a data dictionary.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

SCORE_TOLERANCE = 0.005  # sheets round to 2 decimals
# Each dataframe check is named by its rule id in errors.RULES, where its messages live.


class ScoreTable(pa.DataFrameModel):
    district: Series[str] = pa.Field(description="District display name (folder name, NFC)")
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Year the scores are for")
    unit: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Unit name, no type prefix; with it ('phường Tân Phú') when two units of the year share the name",
    )
    unit_type: Series[str] = pa.Field(nullable=True, description="xã / phường / thị trấn / đặc khu")
    code: Series[str] = pa.Field(
        str_matches=r"^\d+(\.\d+){0,2}$",
        description="Canonical code: field '3', criterion '3.4', sub-criterion '3.4.1'",
    )
    level: Series[int] = pa.Field(isin=[1, 2, 3], description="1 field, 2 criterion, 3 sub-criterion")
    field: Series[str] = pa.Field(description="Code of the field the row belongs to")
    name: Series[str] = pa.Field(description="Name of the field or criterion")
    max: Series[float] = pa.Field(ge=0, description="Maximum points of the criteria set (điểm tối đa)")
    max_applicable: Series[float] = pa.Field(
        ge=0, description="The unit's maximum here: criteria not applicable to it (không áp dụng) left out"
    )
    applicable: Series[bool] = pa.Field(description="False when the row does not apply to the unit")
    leaf: Series[bool] = pa.Field(description="True when the row has no criteria or sub-criteria under it")
    self_score: Series[float] = pa.Field(ge=0, nullable=True, description="Self-assessed score (tự chấm)")
    score: Series[float] = pa.Field(
        ge=0,
        nullable=True,
        description="Appraised score (điểm thẩm định), the official one; empty only when not applicable",
    )
    reason: Series[str] = pa.Field(nullable=True, description="Why points were lost (lý do trừ điểm)")
    file: Series[str] = pa.Field(description="Source file")
    sheet: Series[str] = pa.Field(description="Source sheet")
    row: Series[int] = pa.Field(ge=1, description="Source row as Excel numbers it")

    @pa.dataframe_check(error="score-above-max")
    def score_within_max(cls, df: pd.DataFrame) -> Series[bool]:
        return df["score"].isna() | (df["score"] <= df["max"] + SCORE_TOLERANCE)

    @pa.dataframe_check(error="score-missing")
    def score_present(cls, df: pd.DataFrame) -> Series[bool]:
        return df["score"].notna() | ~df["applicable"]

    @pa.dataframe_check(error="self-above-max")
    def self_score_within_max(cls, df: pd.DataFrame) -> Series[bool]:
        return df["self_score"].isna() | (df["self_score"] <= df["max"] + SCORE_TOLERANCE)

    class Config:
        strict = True
        coerce = True
        unique = ["unit", "code"]


COLUMNS = list(ScoreTable.to_schema().columns)


def data_dictionary() -> str:
    lines = ["| column | type | description |", "| --- | --- | --- |"]
    for name, column in ScoreTable.to_schema().columns.items():
        lines.append(f"| {name} | {column.dtype} | {column.description} |")
    return "\n".join(lines)
