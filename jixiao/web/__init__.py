"""The web application. Importing it registers the web's message catalogue (and, through jixiao.formats, the
readers' and writers'), so that a code raised anywhere in the web layer or by its commands has its message."""

import jixiao.formats  # noqa: F401  (registers the formats catalogue)
from jixiao.domain.errors import register_messages
from jixiao.web.messages import WEB_MESSAGES

register_messages("web", WEB_MESSAGES)
