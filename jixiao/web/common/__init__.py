"""What the apps share: the base templates, the stylesheet, formats (万元, dates) and the asset finder."""
