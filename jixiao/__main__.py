"""`python -m jixiao …` runs the `jixiao` command, exactly as the installed script does."""

from jixiao.cli import main

main()
