"""Bearer token authentication for the API: SimpleJWT's, refusing revoked tokens at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import exceptions
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import ExpiredTokenError, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import Token

if TYPE_CHECKING:
    from accounts.models import User


class AccountTokenAuthentication(JWTAuthentication):
    """Authenticates ``Authorization: Bearer <access token>``.

    Besides SimpleJWT's signature and expiry checks, every request refuses a token whose
    account is gone, deactivated or deleted, or that its owner revoked
    (``accounts.tokens.token_user``). Every refusal is a 401 whose detail is one sentence
    naming the token, and whose code says why: ``token_not_valid`` (expired or not a valid
    access token), ``token_revoked``, ``user_inactive`` or ``user_not_found``.

    The accounts modules are imported when used: DRF reads this class while
    ``rest_framework.views`` loads, which ``accounts.errors`` itself needs.
    """

    def get_validated_token(self, raw_token: bytes) -> Token:
        from accounts import tokens

        expired = False
        for token_class in jwt_settings.AUTH_TOKEN_CLASSES:
            try:
                token: Token = token_class(raw_token)
            except ExpiredTokenError:
                expired = True
            except TokenError:
                continue
            else:
                return token
        message = tokens.EXPIRED if expired else tokens.INVALID
        raise exceptions.AuthenticationFailed(message, code="token_not_valid")

    def get_user(self, validated_token: Token) -> User:  # type: ignore[override]
        from accounts import tokens
        from accounts.errors import TokenRefused

        try:
            return tokens.token_user(validated_token.payload)
        except TokenRefused as exc:
            raise exceptions.AuthenticationFailed(exc.message, code=exc.code) from exc
