"""Accounts API: registration, tokens, and the signed-in user."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.api.serializers import (
    TokenObtainInputSerializer,
    TokenOutputSerializer,
    TokenRefreshInputSerializer,
    UsageOutputSerializer,
    UserCreateInputSerializer,
    UserOutputSerializer,
)
from accounts.selectors import usage_get
from storygen.api import ErrorSerializer
from storygen.parsers import JSONParser


class UserCreateApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["authentication"],
        summary="Register a user",
        request=UserCreateInputSerializer,
        responses={201: UserOutputSerializer, 400: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = UserCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_register(**data.validated_data)
        return Response(UserOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class TokenObtainApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    # The reference product's clients sign in with an OAuth2 password form.
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        tags=["authentication"],
        summary="Sign in and get tokens (form-encoded or JSON)",
        request=TokenObtainInputSerializer,
        responses={
            200: TokenOutputSerializer,
            401: OpenApiResponse(
                ErrorSerializer,
                description="Wrong username or password, or a wrong two-factor code; or an "
                "administrator sent no code (two_factor_required), or has no authenticator "
                "app yet (two_factor_setup_required).",
            ),
            429: OpenApiResponse(ErrorSerializer, description="Too many failed attempts."),
        },
    )
    def post(self, request: Request) -> Response:
        data = TokenObtainInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            services.user_token_obtain(**data.validated_data, ip=services.client_ip(request.META))
        )


class TokenRefreshApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        tags=["authentication"],
        summary="Exchange a refresh token for a new pair (the old one stops working)",
        request=TokenRefreshInputSerializer,
        responses={
            200: TokenOutputSerializer,
            401: OpenApiResponse(
                ErrorSerializer,
                description="The refresh token is invalid, expired, used or revoked; or it is "
                "an administrator's, issued without two-factor sign-in (two_factor_required).",
            ),
        },
    )
    def post(self, request: Request) -> Response:
        data = TokenRefreshInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(services.user_tokens_refresh(refresh=data.validated_data["refresh"]))


class UserMeApi(APIView):
    @extend_schema(
        tags=["authentication"],
        summary="The signed-in user",
        responses={200: UserOutputSerializer, 401: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(UserOutputSerializer(request.user).data)


class UserSignOutEverywhereApi(APIView):
    # No body is read: whatever type a client labels its empty body with is fine.
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        tags=["authentication"],
        summary="Sign out everywhere: every session and every token of yours stops working",
        request=None,
        responses={204: None, 401: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        services.user_sessions_end(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserUsageApi(APIView):
    @extend_schema(
        tags=["users"],
        summary="The signed-in user's usage of the last 24 hours against their limits",
        responses={200: UsageOutputSerializer, 401: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(UsageOutputSerializer(usage_get(user=request.user)).data)
