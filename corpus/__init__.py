"""Package data: the bundled corpus: five BZK documents and their metadata sidecars. No code; read through bestuursgraaf.package_data."""
