"""The bureau's guides (issue 22): 供需对接指南 per sector and one cross-cutting,
技术推广方案 per promoted technology group. ``subjects`` says which guides
exist, ``content`` builds one from live data as plain frozen data,
``editions`` previews, publishes (numbered, dated, PDF stored) and reads
them, ``diff`` compares two editions. No Flask here."""
