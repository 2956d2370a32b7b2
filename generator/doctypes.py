"""Kinds of document (Phụ lục III, Nghị định 30/2020/NĐ-CP): frontmatter value, name, symbol."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    key: str  # the frontmatter value: `type: plan`
    name: str  # Vietnamese name as printed above the subject: "Kế hoạch"
    abbreviations: tuple[str, ...]  # symbol in state documents: KH in 74/KH-VPUB
    party_abbreviations: tuple[str, ...] = ()  # symbol in Party documents: QĐ in 429-QĐ/TU
    printed: str = ""  # the name above the subject, when it differs: a conclusion is "Thông báo"

    @property
    def printed_name(self) -> str:
        return self.printed or self.name


# Ordered as the office's readers expect them in menus: the dialogue chain first.
TYPES: dict[str, DocType] = {
    t.key: t
    for t in [
        DocType("plan", "Kế hoạch", ("KH",), ("KH",)),
        DocType("agenda", "Chương trình", ("CTr",), ("CTr",)),
        DocType("notice", "Thông báo", ("TB",), ("TB",)),
        DocType("conclusion", "Thông báo kết luận", ("TB",), ("TB",), printed="Thông báo"),
        DocType("report", "Báo cáo", ("BC",), ("BC",)),
        DocType("decision", "Quyết định", ("QĐ",), ("QĐ",)),
        # Party bodies number their regulations with QĐ too (429-QĐ/TU is a Quy định).
        DocType("regulation", "Quy định", ("QyĐ",), ("QĐ", "QyĐ")),
        DocType("resolution", "Nghị quyết", ("NQ",), ("NQ",)),
        DocType("directive", "Chỉ thị", ("CT",), ("CT",)),
        DocType("rules", "Quy chế", ("QC",), ("QC",)),
        DocType("guidance", "Hướng dẫn", ("HD",), ("HD",)),
        DocType("conclusion-party", "Kết luận", ("KL",), ("KL",)),
        DocType("decree", "Nghị định", ("NĐ",)),
        DocType("circular", "Thông tư", ("TT",)),
        DocType("law", "Luật", ()),
        DocType("communique", "Thông cáo", ("TC",), ("TC",)),
        DocType("scheme", "Phương án", ("PA",)),
        DocType("proposal", "Đề án", ("ĐA",), ("ĐA",)),
        DocType("project", "Dự án", ("DA",)),
        DocType("minutes", "Biên bản", ("BB",), ("BB",)),
        DocType("submission", "Tờ trình", ("TTr",), ("TTr",)),
        DocType("contract", "Hợp đồng", ("HĐ",)),
        DocType("dispatch", "Công điện", ("CĐ",)),
        DocType("memorandum", "Bản ghi nhớ", ("BGN",)),
        DocType("agreement", "Bản thỏa thuận", ("BTT",)),
        DocType("authorization", "Giấy ủy quyền", ("GUQ",)),
        DocType("invitation", "Giấy mời", ("GM",), ("GM",)),
        DocType("introduction", "Giấy giới thiệu", ("GGT",)),
        DocType("leave", "Giấy nghỉ phép", ("GNP",)),
        DocType("slip", "Phiếu gửi", ("PG",)),
        DocType("transfer-slip", "Phiếu chuyển", ("PC",)),
        DocType("notice-slip", "Phiếu báo", ("PB",)),
        # A công văn carries no type symbol: 1234/UBND-KT is issuer and drafting unit.
        DocType("letter", "Công văn", ()),
        # Not a document the office issues: a citizen's petition as recorded by an editor,
        # published in "Hỏi đáp – Kiến nghị" once answered (see generator/petitions.py).
        DocType("petition", "Kiến nghị, phản ánh", ()),
    ]
}

STATUSES = ("draft", "published")

# Petitions: how one reached the office, and where it stands.
PETITION_CHANNELS = {
    "hotline": "Đường dây nóng",
    "email": "Thư điện tử",
    "letter": "Thư, đơn gửi qua bưu điện",
    "dialogue": "Tại hội nghị đối thoại",
    "portal": "Cổng Dịch vụ công quốc gia",
    "in-person": "Trực tiếp tại cơ quan",
}
PETITION_STATES = {
    "received": "Đã tiếp nhận",
    "processing": "Đang xử lý",
    "forwarded": "Đã chuyển cơ quan có thẩm quyền",
    "answered": "Đã trả lời",
}

# vbpl.vn's validity states.
VALIDITIES = {
    "in-force": "Còn hiệu lực",
    "not-yet-in-force": "Chưa có hiệu lực",
    "partly-expired": "Hết hiệu lực một phần",
    "expired": "Hết hiệu lực toàn bộ",
}

SIGNING_MODES = {
    "TM.": "thay mặt",
    "KT.": "ký thay",
    "TL.": "thừa lệnh",
    "TUQ.": "thừa ủy quyền",
    "Q.": "quyền",
}
