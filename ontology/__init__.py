"""Package data: the OWL ontology and the SHACL shapes. No code; read through bestuursgraaf.package_data."""
