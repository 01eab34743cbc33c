package scan

import (
	"encoding/binary"
	"sort"
)

// papAt reads the table properties of the paragraph whose mark is at cp:
// PlcBtePapx gives the FKP page holding the mark's file offset, the FKP the
// PAPX. Anything out of place reads as no properties.
func (r *docReader) papAt(cp int) docPAP {
	if r.m == 0 {
		return docPAP{}
	}
	le := binary.LittleEndian
	i := r.pieceAt(cp)
	off, compressed := r.piece(i)
	fc := uint32(off + (cp-r.cp(i))<<b2i(!compressed))
	fcs := func(j int) uint32 { return le.Uint32(r.bte[4*j:]) }
	j := sort.Search(r.m, func(j int) bool { return fcs(j+1) > fc })
	if j == r.m || fcs(j) > fc {
		return docPAP{}
	}
	page := r.fkpAt(int(le.Uint32(r.bte[4*(r.m+1)+4*j:]) & 0x3FFFFF))
	if page == nil {
		return docPAP{}
	}
	return papxIn(page, fc)
}

// fkpAt returns FKP page pn, or nil when it is outside the stream.
func (r *docReader) fkpAt(pn int) []byte {
	if pn != r.fkpPage {
		r.fkpPage, r.fkp = pn, nil
		if off := pn * docFKPSize; off+docFKPSize <= len(r.wd) {
			r.fkp = r.wd[off : off+docFKPSize]
		}
	}
	return r.fkp
}

// papxIn reads the PAPX of the paragraph holding fc in a PapxFkp page.
func papxIn(page []byte, fc uint32) docPAP {
	le := binary.LittleEndian
	crun := int(page[docFKPSize-1])
	if crun == 0 || 4*(crun+1)+13*crun > docFKPSize-1 {
		return docPAP{}
	}
	k := sort.Search(crun, func(k int) bool { return le.Uint32(page[4*(k+1):]) > fc })
	if k == crun || le.Uint32(page[4*k:]) > fc {
		return docPAP{}
	}
	at := 2 * int(page[4*(crun+1)+13*k])
	if at == 0 || at >= docFKPSize-1 {
		return docPAP{}
	}
	n, start := 2*int(page[at])-1, at+1
	if page[at] == 0 {
		n, start = 2*int(page[at+1]), at+2
	}
	if n < 2 || start+n > docFKPSize-1 {
		return docPAP{}
	}
	return papSprms(page[start+2 : start+n]) // after the style index
}

// papSprms reads the table sprms of a grpprl, stopping at anything that
// does not parse.
func papSprms(g []byte) docPAP {
	le := binary.LittleEndian
	var p docPAP
	dtap := 0
	for len(g) >= 2 {
		sprm := le.Uint16(g)
		g = g[2:]
		n := sprmSize(sprm, g)
		if n < 1 || n > len(g) {
			break
		}
		op := g[:n]
		g = g[n:]
		switch sprm {
		case sprmPFInTable:
			p.inTable = op[0] != 0
		case sprmPFTtp:
			p.ttp = op[0] != 0
		case sprmPItap:
			p.itap = int(min(max(int32(le.Uint32(op)), 0), 64))
		case sprmPDtap:
			dtap = int(min(max(int32(le.Uint32(op)), -64), 64))
		}
	}
	if dtap != 0 {
		p.itap = max(p.depth()+dtap, 0)
	}
	return p
}

// sprmSize returns the size of the operand of sprm, which starts g
// ([MS-DOC] 2.2.5.1 Sprm: spra; two variable sprms carry their size their
// own way). It returns 0 when it cannot tell.
func sprmSize(sprm uint16, g []byte) int {
	switch sprm >> 13 {
	case 0, 1:
		return 1
	case 2, 4, 5:
		return 2
	case 3:
		return 4
	case 7:
		return 3
	}
	switch {
	case sprm == sprmTDefTable || sprm == sprmTDefTable10:
		if len(g) < 2 {
			return 0
		}
		return 2 + int(binary.LittleEndian.Uint16(g)) - 1
	case sprm == sprmPChgTabs && len(g) >= 2 && g[0] == 255:
		del := int(g[1])
		at := 2 + 4*del
		if at >= len(g) {
			return 0
		}
		return at + 1 + 3*int(g[at])
	case len(g) >= 1:
		return 1 + int(g[0])
	}
	return 0
}
