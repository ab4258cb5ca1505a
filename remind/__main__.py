from remind.cli import main

main()
