"""Users (with a role and soft delete), the login attempts that drive throttling, and the
usage ledger and per-user quota overrides that limit AI work."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class StorygenUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        """Django's superuser is an admin here: the role and the staff flag agree."""
        extra.setdefault("role", User.Role.ADMIN)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    """A family member, a teacher, or an admin.

    The admin role and Django's staff flag always agree: the role is what the API shows,
    staff is what the Django admin checks. Soft-deleted users are inactive and keep their
    username and email, so nobody can take them over.
    """

    class Role(models.TextChoices):
        USER = "user", "User"
        ADMIN = "admin", "Admin"

    role = models.CharField(max_length=10, choices=Role.choices, default=Role.USER)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # API tokens carry a fingerprint of this and of the password (accounts.tokens): setting
    # it refuses every token issued before, on their next request.
    tokens_revoked_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the account was last signed out everywhere: API tokens issued "
        "before then are refused.",
    )

    objects: ClassVar[StorygenUserManager] = StorygenUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
                violation_error_message="This email is already registered.",
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_unique_ci",
                violation_error_message="This username is already taken.",
            ),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class LoginAttempt(models.Model):
    """One sign-in step (a password, or a two-factor code under ``two-factor:<user id>``)
    from one address, kept for the sign-in throttle and the security log."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    succeeded = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["succeeded", "created_at"])]

    def __str__(self) -> str:
        outcome = "ok" if self.succeeded else "failed"
        return f"{self.username} {outcome} {self.created_at:%Y-%m-%d %H:%M}"


class TwoFactorDevice(models.Model):
    """An administrator's authenticator app (TOTP, RFC 6238) and their recovery codes.

    ``confirmed_at`` is empty until a code from the app has been entered once. The last
    time step used is kept so a code cannot be used twice; recovery codes are kept only
    as SHA-256 digests (they are long and random, so a fast hash is enough) and each works
    once.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)
    recovery_codes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        state = "on" if self.confirmed_at else "being set up"
        return f"two-factor sign-in of {self.user} ({state})"


class QuotaOverride(models.Model):
    """An administrator's limits for one account, in place of the defaults from settings.

    An empty field keeps the default; 0 allows none (that kind of AI work is refused).
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="quota_override")
    concurrent_runs = models.PositiveIntegerField(
        null=True, blank=True, verbose_name="stories being made at once"
    )
    stories_per_day = models.PositiveIntegerField(
        null=True, blank=True, verbose_name="stories per 24 hours"
    )
    pictures_per_day = models.PositiveIntegerField(
        null=True, blank=True, verbose_name="pictures per 24 hours"
    )
    rewrites_per_day = models.PositiveIntegerField(
        null=True, blank=True, verbose_name="page rewrites per 24 hours"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"limits of {self.user}"


class UsageCharge(models.Model):
    """One charge in the usage ledger: stories, pictures or page rewrites asked for, or
    tokens spent.

    Stories and pictures are charged in the transaction that queues the work, and a page
    rewrite before its provider call, so a daily limit is exact under concurrency; tokens
    are recorded as the provider reports them, for the global daily AI budget.
    """

    class Kind(models.TextChoices):
        STORY = "story", "Story"
        PICTURE = "picture", "Picture"
        REWRITE = "rewrite", "Page rewrite"
        INPUT_TOKENS = "input_tokens", "Input tokens"
        OUTPUT_TOKENS = "output_tokens", "Output tokens"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="usage_charges")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["user", "kind", "created_at"]),
            models.Index(fields=["kind", "created_at"]),
            # Forgetting old rows looks them up by age alone.
            models.Index(fields=["created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.amount} {self.kind} at {self.created_at:%Y-%m-%d %H:%M}"
