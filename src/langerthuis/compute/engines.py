"""The engines a recipe runs on, through Ibis: DuckDB in-process by default, Spark (local
mode here; a cluster by configuration) when data outgrow one machine."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import ibis

ENGINES = ("duckdb", "spark")
_SPARK = None


def connect(engine: str = "duckdb"):
    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "spark":
        return ibis.pyspark.connect(spark_session())
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def spark_session():
    """One Spark session per process. SPARK_MASTER chooses the cluster; the default is local
    mode with two workers and no web UI (nothing listens on the network)."""
    global _SPARK
    if _SPARK is None:
        from pyspark.sql import SparkSession
        _SPARK = (SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
                  .appName("langerthuis").config("spark.ui.enabled", "false")
                  .config("spark.sql.shuffle.partitions", "4")
                  .config("spark.driver.host", "127.0.0.1")
                  .config("spark.driver.bindAddress", "127.0.0.1")
                  .config("spark.sql.session.timeZone", "UTC")
                  .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                  .config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="langerthuis-spark-"))
                  .config("spark.driver.extraJavaOptions",
                          f"-Dderby.system.home={tempfile.gettempdir()}")
                  .getOrCreate())
        _SPARK.sparkContext.setLogLevel("ERROR")
    return _SPARK


def read(con, path: Path, name: str = "input"):
    """A CSV or Parquet file as an Ibis table on the connection."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return con.read_parquet(str(path), table_name=name)
    if suffix == ".csv":
        return con.read_csv(str(path), table_name=name)
    raise ValueError(f"{path}: expected a .csv or .parquet file")


def table(con, frame, name: str):
    """A pandas frame as a temporary table on the connection (for tests and generated
    data); nothing is written to disk."""
    if con.name == "pyspark":
        import pandas as pd
        frame = pd.DataFrame(frame)
        spark_session().createDataFrame(frame).createOrReplaceTempView(name)
        return con.table(name)
    return con.create_table(name, frame, temp=True, overwrite=True)
