"""Deterministic demo businesses for seed_demo and the benchmarks: Indonesian names, real
kelurahan, plausible NIKs, phones and sectors. Rows come out in the import format, so the
seeder uses the importer itself (validation, history and idempotency included)."""

from __future__ import annotations

import csv
import io
import random
from datetime import date

from django.utils import timezone

from .text import compact_key

MALE = (
    "Ahmad Muhammad Budi Agus Dedi Hendra Rudi Asep Ujang Iwan Yusuf Rizki Fajar Andi Bambang "
    "Joko Slamet Haris Wawan Dadang Eko Imam Jaja Mulyadi Nana Rahmat Tatang Udin Yayan Ade "
    "Firman Gunawan Irfan Saepul Sukma Hasan Ridwan Taufik Aceng Endang"
).split()
FEMALE = (
    "Siti Nur Dewi Sri Ratna Yuni Euis Neneng Lilis Rina Wati Ani Fitri Nurhayati Rohmah "
    "Aminah Suryani Maryam Ika Lina Nia Tuti Umi Yati Aisyah Halimah Khodijah Nurul Rini Susi "
    "Eti Imas Entin Heni Iis Juju Komariah Lia Mimin"
).split()
FAMILY = (
    "Hidayat Saputra Setiawan Kurniawan Rahman Hasanudin Sulaeman Suherman Maulana Syarifudin "
    "Fauzi Hakim Permana Wijaya Nugraha Rohman Mulyana Suryadi Jaelani Ramdani Sopian "
    "Saefudin Marzuki Rosidi Hamdani Fadilah Nurdin Abdullah Ismail Ibrahim Sutisna Komarudin"
).split()
WORDS = (
    "Berkah Barokah Jaya Mandiri Sejahtera Makmur Sentosa Abadi Maju Bersama Amanah Krakatau "
    "Sinar Mulia Putra Putri Bintang Cahaya Harapan Mekar Baja Bahari Selat Sunda Ceria Rezeki"
).split()
STREETS = [
    "Jl. Raya Cilegon",
    "Jl. Jend. A. Yani",
    "Jl. Sultan Ageng Tirtayasa",
    "Jl. KH. Wasyid",
    "Jl. Lingkar Selatan",
    "Jl. Raya Anyer",
    "Jl. Raya Merak",
    "Jl. Cikuasa Atas",
    "Jl. Kubang Laban",
    "Jl. Pangeran Jayakarta",
    "Jl. Temu Putih",
    "Jl. Kyai Tapa",
    "Jl. Yasin Beji",
    "Jl. Ciwaduk",
    "Jl. Perumnas Bumi Waringin",
    "Jl. Raya Bojonegara",
]

# (sector word, share, KBLI, business-name patterns, product). {p} = Bu/Pak + first name.
TRADES = [
    (
        "kuliner",
        20,
        "56102",
        ["Warung Makan {p}", "Warung Nasi {p}", "RM {w}"],
        "nasi dan lauk pauk",
    ),
    (
        "kuliner",
        8,
        "56210",
        ["Catering {p}", "Katering {w}", "Dapur {p}"],
        "nasi kotak dan prasmanan",
    ),
    (
        "kuliner",
        8,
        "10794",
        ["Emping Melinjo {p}", "Keripik {w}", "Kerupuk {p}"],
        "emping dan keripik",
    ),
    ("kuliner", 5, "10710", ["Kue {f}", "Roti {w}", "Kue Basah {p}"], "kue basah dan kering"),
    ("kuliner", 4, "10213", ["Sate Bandeng {p}", "Bandeng Presto {w}"], "sate bandeng"),
    ("kuliner", 4, "56303", ["Kedai Kopi {w}", "Es Kelapa {p}"], "minuman"),
    (
        "perdagangan",
        18,
        "47111",
        ["Warung {p}", "Toko Kelontong {f}", "Toko Sembako {w}"],
        "sembako",
    ),
    ("fashion", 6, "14111", ["Konveksi {w}", "Konveksi {f}"], "seragam kerja dan kaos"),
    ("fashion", 4, "14120", ["Penjahit {p}", "Jahit {f}"], "jahit pakaian"),
    ("jasa", 6, "96200", ["Laundry {w}", "Laundry {f}", "Binatu {w}"], "cuci setrika kiloan"),
    ("jasa", 3, "96112", ["Salon {f}", "Salon {w}"], "potong rambut dan rias"),
    ("jasa", 2, "95120", ["Servis HP {w}", "Konter {f}"], "servis ponsel"),
    ("otomotif", 5, "45405", ["Bengkel Motor {p}", "Bengkel {w} Motor"], "servis motor"),
    ("otomotif", 1, "45201", ["Bengkel Mobil {w}"], "servis mobil"),
    ("kriya", 2, "16299", ["Kerajinan {w}", "Anyaman {p}"], "kerajinan bambu"),
    ("pertanian", 2, "03262", ["Budidaya Ikan {w}", "Kolam {p}"], "ikan lele dan nila"),
    ("pertanian", 2, "01441", ["Ternak Kambing {p}", "Ternak {w}"], "kambing"),
]
# Other regions a Cilegon owner's NIK may have been issued in (first 4 digits).
OTHER_NIK_REGIONS = ["3604", "3673", "3601", "3602", "3603", "3275", "3216", "3174", "3201", "1271"]


class DemoRegistry:
    """Generates `count` businesses; the same seed always gives the same rows."""

    def __init__(self, *, seed: int, kelurahan: list[tuple[str, str, str]]):
        # kelurahan: (name, kecamatan name, kecamatan code "36.72.01")
        self.rng = random.Random(seed)
        self.kelurahan = kelurahan
        self.used_niks: set[str] = set()
        self.used_nibs: set[str] = set()
        self.trade_weights = [trade[1] for trade in TRADES]

    def rows(self, count: int) -> list[dict]:
        rows = []
        while len(rows) < count:
            owner = self._owner()
            # One owner in twenty runs a second business, under another name.
            names: set[str] = set()
            for _ in range(2 if self.rng.random() < 0.05 else 1):
                business = self._business(owner, len(rows))
                while compact_key(business["nama_usaha"]) in names:
                    business = self._business(owner, len(rows))
                names.add(compact_key(business["nama_usaha"]))
                if len(rows) < count:
                    rows.append(business)
            # Now and then the same business is registered again with typos, as happens when
            # two data sources meet: find_duplicates should propose these.
            if self.rng.random() < 0.004 and len(rows) < count:
                rows.append(self._registered_again(rows[-1]))
        return rows

    def _owner(self) -> dict:
        rng = self.rng
        female = rng.random() < 0.55
        first = rng.choice(FEMALE if female else MALE)
        name = f"{first} {rng.choice(FAMILY)}" if rng.random() < 0.8 else first
        kelurahan = rng.choice(self.kelurahan)
        nik = self._nik(female, kelurahan[2])
        phone = (
            f"08{rng.choice('1235789')}{rng.randrange(10**8, 10**10)}"
            if rng.random() < 0.85
            else ""
        )
        return {
            "first": first,
            "name": name,
            "female": female,
            "nik": nik,
            "phone": phone,
            "kelurahan": kelurahan,
        }

    def _nik(self, female: bool, kecamatan_code: str) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.85:
                region = "3672" + kecamatan_code[-2:]
            else:
                region = rng.choice(OTHER_NIK_REGIONS) + f"{rng.randint(1, 20):02d}"
            born = date(rng.randint(1958, 2004), rng.randint(1, 12), rng.randint(1, 28))
            day = born.day + (40 if female else 0)
            nik = (
                f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randint(1, 9999):04d}"
            )
            if nik not in self.used_niks:
                self.used_niks.add(nik)
                return nik

    def _business(self, owner: dict, index: int) -> dict:
        rng = self.rng
        sector, _share, kbli, patterns, product = rng.choices(TRADES, self.trade_weights)[0]
        honorific = "Bu" if owner["female"] else "Pak"
        name = rng.choice(patterns).format(
            p=f"{honorific} {owner['first']}", f=owner["first"], w=rng.choice(WORDS)
        )
        if index % 7 == 0:  # enough distinct names per owner and kelurahan
            name = f"{name} {rng.choice(WORDS)}"
        capital, turnover = self._figures()
        kelurahan = owner["kelurahan"] if rng.random() < 0.9 else rng.choice(self.kelurahan)
        status = rng.choices(["aktif", "tidak aktif", "tutup"], [90, 7, 3])[0]
        return {
            "nama_usaha": name,
            "nama_pemilik": owner["name"],
            "nik": owner["nik"],
            "jenis_kelamin": "P" if owner["female"] else "L",
            "nib": self._nib() if rng.random() < 0.4 else "",
            "no_hp": owner["phone"],
            "alamat": self._address(),
            "kelurahan": kelurahan[0],
            "kecamatan": kelurahan[1],
            "kbli": kbli,
            "sektor": sector,
            "produk": product,
            "modal_usaha": capital,
            "omzet_tahunan": turnover,
            "tenaga_kerja": rng.choices([1, 2, 3, 4, 5, 8, 12, 25], [30, 25, 15, 10, 8, 6, 4, 2])[
                0
            ],
            "tahun_mulai": rng.randint(1995, timezone.localdate().year),
            "sumber_data": rng.choices(["Dinkop", "KemenKopUKM", "lapangan"], [70, 25, 5])[0],
            "status": status,
            "wirausaha": "tidak" if rng.random() < 0.04 else "ya",
            "tanggal_daftar": _registered_on(
                rng.randint(2019, timezone.localdate().year), rng.randint(1, 12), rng.randint(1, 28)
            ).isoformat(),
        }

    def _registered_again(self, row: dict) -> dict:
        rng = self.rng
        name = row["nama_usaha"]
        position = rng.randrange(len(name) // 2, len(name))
        typo = name[:position] + rng.choice("aiueo") + name[position + 1 :]
        nik = row["nik"][:-4] + f"{(int(row['nik'][-4:]) + rng.randint(1, 9)) % 9999 + 1:04d}"
        while nik in self.used_niks:
            nik = row["nik"][:-4] + f"{rng.randint(1, 9999):04d}"
        self.used_niks.add(nik)
        return {**row, "nama_usaha": typo, "nik": nik, "nib": "", "sumber_data": "KemenKopUKM"}

    def _address(self) -> str:
        rng = self.rng
        return (
            f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, "
            f"RT {rng.randint(1, 12):03d}/RW {rng.randint(1, 9):03d}"
        )

    def _figures(self) -> tuple[str, str]:
        rng = self.rng
        tier = rng.choices(["mikro", "kecil", "menengah"], [94, 5, 1])[0]
        if tier == "mikro":
            capital = round(rng.lognormvariate(16, 0.9), -5)  # around Rp9 juta
            turnover = min(capital * rng.uniform(3, 12), 1_950_000_000)
        elif tier == "kecil":
            capital = rng.uniform(0.5e9, 3e9)
            turnover = rng.uniform(2.1e9, 14e9)
        else:
            capital = rng.uniform(3e9, 9e9)
            turnover = rng.uniform(16e9, 45e9)
        capital_text = self._written_amount(int(round(capital, -5)))
        turnover_text = self._written_amount(int(round(turnover, -5)))
        if rng.random() < 0.08:
            turnover_text = ""  # unknown: classed by capital
        return capital_text, turnover_text

    def _written_amount(self, amount: int) -> str:
        """As offices type them: 5000000, 5.000.000 or Rp 5.000.000."""
        dotted = f"{amount:,}".replace(",", ".")
        return self.rng.choice([str(amount), dotted, f"Rp {dotted}"])

    def _nib(self) -> str:
        while True:
            nib = f"91200{self.rng.randrange(10**7, 10**8)}"
            if nib not in self.used_nibs:
                self.used_nibs.add(nib)
                return nib


def rows_to_csv(rows: list[dict], *, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def kelurahan_choices() -> list[tuple[str, str, str]]:
    from .models import Kelurahan

    return [
        (k.name, k.kecamatan.name, k.kecamatan.code)
        for k in Kelurahan.objects.select_related("kecamatan").order_by("code")
    ]


DEMO_CERTIFICATES = [
    # (kind, share of kuliner businesses, number prefix, issuer)
    ("pirt", 0.25, "P-IRT", "Dinas Kesehatan Kota Cilegon"),
    ("halal", 0.12, "ID3672", "BPJPH Kementerian Agama"),
]


def seed_registry(*, seed: int, count: int):
    """Create or refresh `count` demo businesses through the importer, and some PIRT and
    halal certificates for food businesses. Running it again changes nothing."""
    from .services import umkm_import

    rows = DemoRegistry(seed=seed, kelurahan=kelurahan_choices()).rows(count)
    outcome = umkm_import(
        data=rows_to_csv(rows),
        filename="data-demo.csv",
        user=None,
        dry_run=False,
        default_source="dinkop",
    )
    _seed_certificates(random.Random(seed), rows)
    return outcome


def _seed_certificates(rng: random.Random, rows: list[dict]) -> None:
    from .models import UMKM, Certification
    from .services import NewCertification, certification_add_many

    food = [
        (row["nik"], compact_key(row["nama_usaha"])) for row in rows if row["sektor"] == "kuliner"
    ]
    wanted = []
    for kind, share, prefix, issuer in DEMO_CERTIFICATES:
        for key in food:
            if rng.random() < share:
                issued = date(rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28))
                number = f"{prefix}-{rng.randrange(10**9, 10**10)}"
                wanted.append((key, kind, number, issuer, issued))
    ids = {
        (nik, name_key): pk
        for pk, nik, name_key in UMKM.objects.filter(
            owner_nik__in={key[0] for key, *_ in wanted}
        ).values_list("pk", "owner_nik", "name_key")
    }
    existing = set(Certification.objects.values_list("umkm_id", "kind", "number"))
    new = [
        NewCertification(
            umkm_id=ids[key],
            kind=kind,
            number=number,
            issuer=issuer,
            issued_on=issued,
            expires_on=issued.replace(year=issued.year + 5) if kind == "halal" else None,
        )
        for key, kind, number, issuer, issued in wanted
        if key in ids and (ids[key], kind, number) not in existing
    ]
    certification_add_many(certifications=new, user=None, reason="Data demo")


def _registered_on(year: int, month: int, day: int) -> date:
    """A registration date up to today, so the dashboards show this year's growth too; a
    date still to come falls back to the year before."""
    drawn = date(year, month, day)
    return drawn if drawn <= timezone.localdate() else drawn.replace(year=year - 1)
