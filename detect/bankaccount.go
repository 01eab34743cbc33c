package detect

import "strings"

// bankAccountRule finds account-number columns: 7 digits (ゆうちょ: 記号 5 +
// 番号 8). Bank and branch validation against the Zengin list, and bank
// records in prose, come with issue 3.
var bankAccountRule = &columnRule{
	id:      "bank_account",
	cat:     BankAccount,
	headers: []string{"口座番号", "預金口座番号", "口座", "記号番号", "通帳番号", "account number", "account no", "accountnumber"},
	accept:  acceptAccount,
	mask:    func(norm string) string { return MaskDigits(norm, 2) },
	examples: []Example{
		{Text: "1234567", Cell: true, Header: true, Want: true},
		{Text: "10170-12345671", Cell: true, Header: true, Want: true},
		{Text: "普通", Cell: true, Header: true, Want: false},
		{Text: "1234567", Cell: true, Header: false, Want: false},
	},
}

func init() { register(bankAccountRule) }

func acceptAccount(v string, header bool) (string, bool) {
	if !header {
		return "", false
	}
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case r == '-' || r == ' ':
			return -1
		}
		return 'x'
	}, v)
	if strings.ContainsRune(digits, 'x') {
		return "", false
	}
	switch len(digits) {
	case 7, 13: // bank account; ゆうちょ 記号5 + 番号8
		return digits, true
	}
	return "", false
}
