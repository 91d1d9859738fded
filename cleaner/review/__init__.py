"""``cleaner review``: the original and the repaired text side by side, a verdict on every fix, and a decisions file that ``check`` and ``fix`` honour.

``state`` and ``layout`` are plain Python (what is decided, what each pane
shows); the Textual app and its widgets are imported only when the
command runs, one widget per module.
"""
