"""The engines a recipe runs on, through Ibis: DuckDB in-process by default, Spark (local
mode here; a cluster by configuration) when data outgrow one machine."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import ibis
import ibis.expr.operations as ops
import numpy as np

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


def _on_duckdb(expr):
    """On DuckDB, the cursor of the expression compiled to SQL once and run on the
    backend's own connection, so that no Arrow table is built and converted for a few
    sums; None on other engines, and for frames held in memory by Ibis (`ibis.memtable`),
    which Ibis registers with the engine only when it executes the expression itself."""
    backend = ibis.get_backend(expr)
    if backend.name != "duckdb" or expr.op().find(ops.InMemoryTable):
        return None
    return backend.raw_sql(backend.compile(expr))


def rows(expr) -> list[dict]:
    """The rows of a (small) result as plain Python values, missing ones as None."""
    cursor = _on_duckdb(expr)
    if cursor is None:
        return expr.to_pyarrow().to_pylist()
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def numbers(expr) -> dict[str, np.ndarray]:
    """The columns of a result of numbers as arrays of floats, missing values as NaN: for
    sums over results that are usually small, but need not be."""
    cursor = _on_duckdb(expr)
    if cursor is None:
        result = expr.to_pyarrow()
        data = {name: column.to_numpy(zero_copy_only=False)
                for name, column in zip(result.column_names, result.columns)}
    else:
        data = cursor.fetchnumpy()
    return {name: np.ma.asarray(column).astype("float64").filled(np.nan)
            for name, column in data.items()}


def table(con, frame, name: str):
    """A pandas frame as a temporary table on the connection (for tests and generated
    data); nothing is written to disk."""
    if con.name == "pyspark":
        import pandas as pd
        frame = pd.DataFrame(frame)
        spark_session().createDataFrame(frame).createOrReplaceTempView(name)
        return con.table(name)
    return con.create_table(name, frame, temp=True, overwrite=True)
