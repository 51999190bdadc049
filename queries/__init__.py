"""Package data: the named SPARQL queries (one .rq file per user question). No code; read through bestuursgraaf.package_data."""
