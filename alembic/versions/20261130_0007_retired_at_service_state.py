"""retired_at on article and section; service_state

Retire, never delete (issue 10, point 4): ``article.retired_at`` and ``section.retired_at``
hide retired content from reads while keeping its rows and history; delta sync sends
tombstones for it. ``service_state`` keeps the generated sync-token secret and the change
log's low-water mark (``content-api compact-sync``).

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-30 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.common

revision: str = '0007'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('service_state',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', models.common.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_service_state'))
    )
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', models.common.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', models.common.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
    op.drop_table('service_state')
