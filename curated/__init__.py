"""Package data: curated decisions that the build reads. No code; read through bestuursgraaf.package_data."""
