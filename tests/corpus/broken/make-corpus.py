#!/usr/bin/env python3
"""Writes the broken-file corpus of issue 8 (run from this folder). Every file is committed; this script says how each
was made. Rows use dates in 2025 so no row is in the future; each file has at least one valid row after the damage."""
import gzip, io, zipfile

H = ("Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;EventName Attr1;"
     "EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;EventName Attr7;EventName Attr8;"
     "EventName Attr9;EventName Attr10")

def row(i, customer=None, ts=None, num="10.50", name="SKU-1"):
    return f"{ts or f'2025-03-01 10:{i % 60:02d}:00'};{customer if customer is not None else f'CUST-{i:05d}'};7;SHOES;{name};1;{num}"

def text(*lines, end="\n"):
    return end.join(lines) + end

def write(name, data):
    with open(name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

write("unclosed-quote-mid-file.csv", text(H, row(1), row(2), row(3, name='"SKU-open'), row(4), row(5)))
write("unclosed-quote-last-row.csv", text(H, row(1), row(2), row(3, name='"SKU-open')))
write("stray-quote.csv", text(H, row(1), row(2, name='SKU "4711"'), row(3), row(4, name='"SKU"x')))
write("too-few-fields.csv", text(H, row(1), "2025-03-01 10:02:00;CUST-00002;7;SHOES", row(3)))
write("too-many-fields.csv", text(H, row(1), row(2) + ";;;;;;;;;;;;;;;;;ORD-1;POS-1;extra", row(3)))
write("bad-timestamp.csv", text(H, row(1), row(2, ts="2025-02-29 10:00:00"), row(3, ts="01/03/2025 09:31"), row(4)))
write("bad-number.csv", text(H, row(1), row(2, num="2450,00"), row(3, num="1e5"), row(4, num="12.50 kr"), row(5)))
write("empty-mandatory.csv", text(H, row(1), row(2, customer=""), row(3, name=""), row(4)))
write("whitespace-customer.csv", text(H, row(1), row(2, customer="   "), row(3)))
write("bom.csv", "\ufeff" + text(H, row(1), row(2, num="x"), row(3)))
write("crlf-lf-mix.csv", H + "\r\n" + row(1) + "\n" + row(2, num="x") + "\r\n" + row(3) + "\n" + row(4) + "\r\n")
write("blank-lines.csv", text(H, row(1), "", row(2), ";;;;;;", "", row(3, num="x"), row(4)))
write("header-only.csv", text(H))
write("quoted-line-break.csv", text(H, row(1), row(2, name='"two\nlines"'), row(3, num="x"), row(4)))

two = io.BytesIO()
with zipfile.ZipFile(two, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.csv", text(H, row(1), row(2, num="x"), row(3)))
    z.writestr("b.csv", text(H, row(4), row(5, ts="2025-13-01 00:00:00"), row(6)))
write("two-entries.zip", two.getvalue())

one = io.BytesIO()
with zipfile.ZipFile(one, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("day.csv", text(H, *[row(i) for i in range(1, 200)]))
write("truncated.zip", one.getvalue()[: len(one.getvalue()) // 2])
# A single-segment archive of a split-capable writer starts with the spanning marker PK\x07\x08: a zip on every path.
write("spanned-marker.zip", b"PK\x07\x08" + one.getvalue())

write("concatenated-members.csv.gz", gzip.compress(text(H, row(1), row(2, num="x")).encode(), mtime=0)
      + gzip.compress(text(row(3), row(4)).encode(), mtime=0))
