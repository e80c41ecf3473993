from cvcheck.cli import main

raise SystemExit(main())
