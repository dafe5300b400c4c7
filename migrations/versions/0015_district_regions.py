"""district regions for anonymous needs (issue 16)

- region: Chongqing's "一区两群" groups (主城都市区, 渝东北三峡库区城镇群, 渝东南武陵山区城镇群);
  an anonymous need shows its region, never its district (catalog.pipeline.anonymity)
- district.region_key: each district's group, filled here for the 42 districts and zones the
  seed ships (the same values as data/districts.yaml, which `flask setup` keeps current)

Downgrade drops the column and the table; nothing else refers to them.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

REGIONS = (
    ('main_metro', '主城都市区', 'Chongqing Main Metropolitan Area'),
    ('northeast', '渝东北三峡库区城镇群', 'Northeast Chongqing (Three Gorges Reservoir Area)'),
    ('southeast', '渝东南武陵山区城镇群', 'Southeast Chongqing (Wuling Mountains Area)'),
)
MEMBERS = {
    'main_metro': ('yuzhong', 'dadukou', 'jiangbei', 'shapingba', 'jiulongpo', 'nanan', 'beibei', 'yubei',
                   'banan', 'fuling', 'changshou', 'jiangjin', 'hechuan', 'yongchuan', 'nanchuan', 'qijiang',
                   'dazu', 'bishan', 'tongliang', 'tongnan', 'rongchang', 'liangjiang_new_area',
                   'chongqing_hitech_zone', 'wansheng_etdz', 'shuangqiao_edz'),
    'northeast': ('wanzhou', 'kaizhou', 'liangping', 'chengkou', 'fengdu', 'dianjiang', 'zhongxian',
                  'yunyang', 'fengjie', 'wushan', 'wuxi'),
    'southeast': ('qianjiang', 'wulong', 'shizhu', 'xiushan', 'youyang', 'pengshui'),
}


def upgrade() -> None:
    region = op.create_table(
        'region',
        sa.Column('key', sa.String(length=48), nullable=False),
        sa.Column('name_zh', sa.String(length=64), nullable=False),
        sa.Column('name_en', sa.String(length=128), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_region')),
    )
    with op.batch_alter_table('district') as batch:
        batch.add_column(sa.Column('region_key', sa.String(length=48), nullable=True))
        batch.create_foreign_key(op.f('fk_district_region_key_region'), 'region', ['region_key'], ['key'])
    op.bulk_insert(region, [{'key': k, 'name_zh': zh, 'name_en': en, 'position': i}
                            for i, (k, zh, en) in enumerate(REGIONS)])
    district = sa.table('district', sa.column('key', sa.String), sa.column('region_key', sa.String))
    for key, members in MEMBERS.items():
        op.execute(district.update().where(district.c.key.in_(members)).values(region_key=key))


def downgrade() -> None:
    with op.batch_alter_table('district') as batch:
        batch.drop_constraint(op.f('fk_district_region_key_region'), type_='foreignkey')
        batch.drop_column('region_key')
    op.drop_table('region')
