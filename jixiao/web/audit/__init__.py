"""The tamper-evident audit trail (内部监督), login security and the auditor's pages.

Services record what happened with :func:`jixiao.web.audit.services.audit_record`; entries form a SHA-256 hash
chain (:mod:`jixiao.web.audit.chain`) that ``jixiao audit verify`` checks.
"""
