"""The bureau console (issue 8): dashboard figures, exports, imports, jobs
and announcements."""
