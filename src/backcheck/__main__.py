from backcheck.cli import main

raise SystemExit(main())
