"""Population figures from CBS StatLine through the `cbsodata` client. The client is passed
in, so that tests replay recorded responses instead of using the network."""
from __future__ import annotations

import pandas as pd

#: CBS table "Bevolking; geslacht, leeftijd en regio" with one row per region and age group.
TABLE = "03759ned"
AGE_LABELS = {"50 tot 55 jaar": "50-54", "55 tot 60 jaar": "55-59", "60 tot 65 jaar": "60-64",
              "65 tot 70 jaar": "65-69", "70 tot 75 jaar": "70-74", "85 tot 90 jaar": "85-89",
              "90 tot 95 jaar": "90-94", "95 jaar of ouder": "95+"}


def fetch_population(client, period: str, regions: list[str], table: str = TABLE) -> pd.DataFrame:
    """Residents per municipality code and age band, for the age groups of the support
    ratio. `client` is the cbsodata module (or anything with its get_data)."""
    region_filter = " or ".join(f"RegioS eq '{r}'" for r in regions)
    rows = client.get_data(table, filters=f"Perioden eq '{period}' and Geslacht eq 'T001038' "
                                          f"and ({region_filter})",
                           select=["RegioS", "Leeftijd", "Perioden", "BevolkingOp1Januari_1"])
    frame = pd.DataFrame(rows)
    frame = frame[frame["Leeftijd"].isin(AGE_LABELS)]
    return pd.DataFrame({"municipality_code": frame["RegioS"].str.strip(),
                         "age_band": frame["Leeftijd"].map(AGE_LABELS),
                         "persons": frame["BevolkingOp1Januari_1"].astype(int)})
