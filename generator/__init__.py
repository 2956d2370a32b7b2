"""Publishing pipeline of the e-portal of Văn phòng UBND tỉnh Sơn La.

Stages, each a module with one job: ``load`` (bytes to frontmatter and body) → ``model``
(typed ``Document``) → ``check`` (diagnostics) → citations → pages → MkDocs adapter → ``cli``.
The core never imports MkDocs, so the site generator can be swapped.
"""

__version__ = "0.1.0"
