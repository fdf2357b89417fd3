"""authorization history

Issue 11 point 1: grants are revoked, not deleted (``revoked_at``, ``revoked_by``; at most one
active grant per account, role, pattern and level: a partial unique index); tokens record the
token that minted them (``parent_id``), who made and who revoked them; accounts record the last
disable and enable. ``admin`` is global only: every existing scoped admin grant (language
other than ``*`` or a level) is revoked here, by "migration 0005", and kept.

Downgrading drops these columns, and with them the revoked grants (the old unique constraint
cannot hold revoked duplicates).

Revision ID: 0005
Revises: 0009
Create Date: 2026-11-29 15:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


import models.common

revision: str = '0005'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = sa.text("revoked_at IS NULL")
NAME = sqlmodel.sql.sqltypes.AutoString(length=200)
WHEN = models.common.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disabled_at', WHEN, nullable=True))
        batch_op.add_column(sa.Column('disabled_by', NAME, nullable=True))
        batch_op.add_column(sa.Column('enabled_at', WHEN, nullable=True))
        batch_op.add_column(sa.Column('enabled_by', NAME, nullable=True))

    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('created_by', NAME, nullable=True))
        batch_op.add_column(sa.Column('revoked_by', NAME, nullable=True))
        batch_op.create_index(batch_op.f('ix_api_token_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_api_token_parent_id_api_token'), 'api_token', ['parent_id'], ['id']
        )

    with op.batch_alter_table('role_grant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', WHEN, nullable=True))
        batch_op.add_column(sa.Column('revoked_by', NAME, nullable=True))
        batch_op.drop_constraint('uq_role_grant_account_id_role_language_level', type_='unique')
        batch_op.create_index(
            'uq_role_grant_active',
            ['account_id', 'role', 'language', 'level'],
            unique=True,
            sqlite_where=ACTIVE,
            postgresql_where=ACTIVE,
        )

    grant = sa.table(
        'role_grant',
        sa.column('role', sa.String),
        sa.column('language', sa.String),
        sa.column('level', sa.String),
        sa.column('revoked_at', WHEN),
        sa.column('revoked_by', sa.String),
    )
    op.execute(
        grant.update()
        .where(
            grant.c.role == 'admin',
            grant.c.revoked_at.is_(None),
            sa.or_(grant.c.language != '*', grant.c.level.is_not(None)),
        )
        .values(revoked_at=models.common.utcnow(), revoked_by='migration 0005')
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM role_grant WHERE revoked_at IS NOT NULL"))
    with op.batch_alter_table('role_grant', schema=None) as batch_op:
        batch_op.drop_index('uq_role_grant_active')
        batch_op.create_unique_constraint(
            'uq_role_grant_account_id_role_language_level',
            ['account_id', 'role', 'language', 'level'],
        )
        batch_op.drop_column('revoked_by')
        batch_op.drop_column('revoked_at')

    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_api_token_parent_id_api_token'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_api_token_parent_id'))
        batch_op.drop_column('revoked_by')
        batch_op.drop_column('created_by')
        batch_op.drop_column('parent_id')

    # Plain ALTER TABLE (SQLite >= 3.35): a batch "move and copy" would DROP TABLE account,
    # and with foreign keys on, that cascades to every token and grant.
    for column in ('enabled_by', 'enabled_at', 'disabled_by', 'disabled_at'):
        op.execute(sa.text(f'ALTER TABLE account DROP COLUMN {column}'))
