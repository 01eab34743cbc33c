package encrypt

import (
	"errors"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"
)

// newSSHRecipient returns an age recipient for an SSH public key: the
// ssh-ed25519 and ssh-rsa recipient types of age-encryption.org/v1, as the
// age command writes them (a file encrypted to an SSH key opens with
// `age -d -i ~/.ssh/id_ed25519`).
func newSSHRecipient(pk ssh.PublicKey) (age.Recipient, error) {
	switch pk.Type() {
	case ssh.KeyAlgoED25519:
		return agessh.NewEd25519Recipient(pk)
	case ssh.KeyAlgoRSA:
		return agessh.NewRSARecipient(pk)
	}
	return nil, errors.New("unsupported SSH key type (ssh-ed25519 and ssh-rsa only)")
}
