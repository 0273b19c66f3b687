"""Parameters shared by several test modules."""

# The paper's spontaneous rank-one example (Mastrogiuseppe & Ostojic 2018).
PAPER = dict(m_mean=1.1, n_mean=2.0, m_var=1.0, n_var=1.0)
