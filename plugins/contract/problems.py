"""Problems and the exceptions that carry them live in the core (``portal.problems``)."""

from portal.problems import (  # noqa: F401
    ERROR, WARNING, ArticleError, ContractError, DataError, PortalError, Problem, Problems,
)
