"""How the portal writes dates, once for every page (settings.FORMAT_MODULE_PATH): Django's
own formats for Indonesian mix "5 Des. 2026", "05-12-2026" and "5 Des. 2026, 14.30".

A date is "j M Y" (5 Des 2026), a moment "j M Y H:i" (5 Des 2026 14:30), a month "F Y"
(Desember 2026). Templates write `{{ day|date }}`, `{{ moment|date:"DATETIME_FORMAT" }}`,
`{{ month|date:"YEAR_MONTH_FORMAT" }}`, Python `date_format(day)`, never a pattern of their
own. Two exceptions: documents printed for signing (the training certificate, the kuitansi)
write the month in full, "j F Y", said where they do; and what machines read keeps ISO
(CSV dates, <input type="date">, ?bulan=2026-12). Input formats are Django's, unchanged."""
