"""Household and resident search the way Chinese users type (搜索).

By name (张三, or just 张 / 三丰), full pinyin (zhangsan, zhang), pinyin initials (zs), address
(3-2-501 or 3栋2单元501), phone digits and ID-number tail.

- ``terms``: pure functions turning names, addresses, phones and ID numbers into search keys.
- ``index``: keeps the ``search_term`` table in step with households and residents.
- ``query``: answers a typed query from the ``search_term`` index.

Importing this package is cheap: pypinyin (~140 ms) loads on the first name that needs it.
"""
