"""Matching and estimates: plain functions over frozen dataclasses.

Standard library only (no Flask, SQLAlchemy, Whoosh, nor anything of portal/
or catalog/), so every rule here can be read and tested on its own.
"""
