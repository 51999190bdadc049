"""`python -m bestuursgraaf …` is the `bestuursgraaf` command."""

from bestuursgraaf.graph.cli import main

raise SystemExit(main())
