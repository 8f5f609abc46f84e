"""gunicorn's settings for the portal, read from the project's folder (gunicorn loads
./gunicorn.conf.py by itself): the README's production command and the resilience tests
use it. Command-line options still win."""

import gunicorn.http.wsgi

# No "Server: gunicorn": the header names nothing an attacker could look up.
gunicorn.http.wsgi.SERVER = "web"

# A request that runs longer is cut and answered by the proxy; work that may take longer
# (full exports, the duplicate scan) belongs on the job queue (issue 17), never a silent 500.
timeout = 60
graceful_timeout = 30
