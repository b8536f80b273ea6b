"""The bureau's dashboard (Apache ECharts: grades, ranking, findings by category and rule, execution
against score, year over year) and the region's table exported to xlsx and CSV."""
