"""Write jixiao's reference Word template, jixiao/render/templates/reference.docx, from the styles in code.

Run after changing the styles in jixiao/render/docx.py: `.venv/bin/python scripts/make_reference_docx.py`.
tests/test_render_docx.py fails while the shipped template and the code disagree.
"""

from jixiao.render.docx import TEMPLATE, reference_document

if __name__ == "__main__":
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    reference_document().save(str(TEMPLATE))
    print(f"已写入 {TEMPLATE}")
