"""Inquiries between enterprises and suppliers and the deal pipeline (issue 7):
``states`` the transition rules, ``inquiries`` the services, ``notify`` the e-mails."""
