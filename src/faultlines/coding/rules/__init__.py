"""The coder's rules, one module per rule family of ``docs/coding.md``.

``coding/coder.py`` lists them in the order they run; ``docs/coding.md`` has the table from a
rule family (an event's ``rule``) to its module.
"""
