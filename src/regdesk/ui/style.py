"""The desk's one style sheet for inputs: a visible focus ring on every input and a red
border on an invalid one (the dynamic property ``invalid``, set by the form beside the
field's message). Set on the main window, so its pages and the dialogs it parents share it.

The unfocused border is drawn by the sheet too (not the platform style), so focusing a field
only changes its colour and width, never its size: the 2 px ring takes 1 px of the padding.
Spin boxes are left to the platform style (a sheet border drops their arrows); it draws
their focus frame.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

FOCUS_COLOUR = "#1a73e8"
ERROR_COLOUR = "#b00020"

INPUT_STYLE = f"""
QLineEdit, QComboBox, QPlainTextEdit {{
    border: 1px solid #8a8f98; border-radius: 3px; padding: 2px 4px;
}}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{
    border: 2px solid {FOCUS_COLOUR}; padding: 1px 3px;
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 2px solid {ERROR_COLOUR}; padding: 1px 3px;
}}
QLineEdit[invalid="true"]:focus, QComboBox[invalid="true"]:focus {{
    border: 2px solid {ERROR_COLOUR}; padding: 1px 3px; background: #fff3f4;
}}
QCheckBox, QRadioButton {{ border: 1px solid transparent; border-radius: 3px; padding: 1px; }}
QCheckBox:focus, QRadioButton:focus {{ border: 1px solid {FOCUS_COLOUR}; background: #e8f0fe; }}
QCheckBox[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; }}
"""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark ``widget`` invalid (red border) or not; re-polished only on a change."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
