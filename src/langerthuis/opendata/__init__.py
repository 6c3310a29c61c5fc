"""Open data: the downloads (CSV, Excel, JSON, Data Package) rendered from the snapshot's
resources, the import of a whole-dataset export, and the /data routes."""
